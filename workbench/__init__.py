"""Precursor Watch: a graph investigation workbench for precursor-chemical trafficking."""

__version__ = "0.1.0"
