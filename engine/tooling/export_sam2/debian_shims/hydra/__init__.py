"""Minimal stand-in for the parts of `hydra` that the official `sam2` package uses.

Only for machines where hydra-core cannot be installed (Debian's python3-torch 1.13 setup
used to verify the exporter). Users with the official `sam2` package installed from PyPI or
from its repository have the real hydra and never import this. Written for this project:
config lookup inside a Python package, `++key=value` overrides, `_target_` instantiation.
"""
import importlib.util
import os

import yaml
from omegaconf import OmegaConf

from hydra.core.global_hydra import GlobalHydra

__all__ = ["compose", "initialize_config_module"]


def initialize_config_module(config_module, version_base=None):
    spec = importlib.util.find_spec(config_module)
    if spec is None or not spec.submodule_search_locations:
        raise ImportError(f"config module {config_module!r} not found")
    GlobalHydra.instance()._root = list(spec.submodule_search_locations)[0]


def compose(config_name, overrides=()):
    root = GlobalHydra.instance()._root
    if root is None:
        raise RuntimeError("hydra stand-in: initialize_config_module() was not called")
    path = config_name if os.path.isabs(config_name) else os.path.join(root, config_name)
    if not path.endswith((".yaml", ".yml")) and not os.path.exists(path):
        path += ".yaml"
    if not os.path.exists(path):
        raise FileNotFoundError(f"hydra stand-in: no config {config_name!r} under {root}")
    cfg = OmegaConf.load(path)  # the sam2 configs are all '# @package _global_'
    for item in overrides:
        key, _, value = item.partition("=")
        key = key.lstrip("+~")
        OmegaConf.update(cfg, key, yaml.safe_load(value), merge=True, force_add=True)
    return cfg
