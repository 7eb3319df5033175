"""What the commands do, without printing: the one road through the data and the build.

:mod:`.steps` (the options, the one ``check()``, the site context, staging) is where every
command starts; :mod:`.build` makes a site (:mod:`.pipeline` on every core with
:mod:`.workers`, the PDFs by the one road of :mod:`.printing`), :mod:`.serve` previews it,
:mod:`.merge` assembles the parts of a sharded build, :mod:`.deploy` publishes it and
:mod:`.scaffold` writes templates and new compounds. Problems that stop them raise
:mod:`generator.errors`; the command line (:mod:`generator.cli`) shows them.
"""
