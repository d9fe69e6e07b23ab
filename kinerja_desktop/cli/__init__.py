"""The ``kinerja`` command line: the same services as the GUI, no Qt.

Each module here that defines ``register(subparsers)`` adds its commands; ``main`` finds
them all, so a new area adds a module and touches nothing else.
"""
