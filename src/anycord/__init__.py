from anycord._about import __version__ as __version__
