"""The one writer (:mod:`.staging`), the folders stored under the hash of their inputs
(:mod:`.cache`) and the atomic swap of a built site into place (:mod:`.publish`). Only this
package (and the engines, which it hands a folder) writes files.
"""
