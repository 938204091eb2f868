"""bilingual: offline EN→ZH/JA newsletter translation with an enforced glossary."""

__version__ = "0.1.0"
