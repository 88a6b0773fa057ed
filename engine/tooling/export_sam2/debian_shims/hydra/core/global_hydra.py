"""Stand-in for hydra.core.global_hydra (see hydra/__init__.py)."""


class GlobalHydra:
    _instance = None

    def __init__(self):
        self._root = None

    @classmethod
    def instance(cls):
        if cls._instance is None:
            cls._instance = cls()
        return cls._instance

    def is_initialized(self):
        return self._root is not None

    def clear(self):
        self._root = None
