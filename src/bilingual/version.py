"""The version of bilingual, which every output's reproducibility signature names."""

__version__ = "0.1.0"
