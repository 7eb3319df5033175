"""Developer tools that are not pipeline stages (the synthetic city for tests and benchmarks)."""
