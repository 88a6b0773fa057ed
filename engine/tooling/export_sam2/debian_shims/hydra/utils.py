"""Stand-in for hydra.utils.instantiate (see hydra/__init__.py)."""
import importlib

from omegaconf import DictConfig, ListConfig, OmegaConf


def _locate(path):
    module, _, attr = path.rpartition(".")
    return getattr(importlib.import_module(module), attr)


def _build(node, recursive):
    if isinstance(node, dict):
        if "_target_" in node:
            kwargs = {k: (_build(v, recursive) if recursive else v)
                      for k, v in node.items() if not (k.startswith("_") and k.endswith("_"))}
            return _locate(node["_target_"])(**kwargs)
        return {k: _build(v, recursive) for k, v in node.items()}
    if isinstance(node, list):
        return [_build(v, recursive) for v in node]
    return node


def instantiate(config, *args, _recursive_=True, **kwargs):
    if isinstance(config, (DictConfig, ListConfig)):
        config = OmegaConf.to_container(config, resolve=True)
    config = dict(config, **kwargs) if kwargs else config
    return _build(config, _recursive_)
