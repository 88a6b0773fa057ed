"""Stand-in for iopath's g_pathmgr (local files only), see ../../hydra/__init__.py."""


class _LocalPathManager:
    @staticmethod
    def open(path, mode="r", **kwargs):
        return open(path, mode, **kwargs)

    @staticmethod
    def exists(path):
        import os
        return os.path.exists(path)


g_pathmgr = _LocalPathManager()
