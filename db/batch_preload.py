"""Imported once by the worker pool's fork server (used when the writer runs other
threads), so every worker it starts begins with every reader imported and the owner rules
built; a forked worker loads only what its batch's kinds of file need (`batch.preload`)."""

from jarap.db.batch import EVERY_READER, preload

preload(EVERY_READER)
