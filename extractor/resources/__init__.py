"""Data files shipped with the package: gazetteer, places, lexicon, triggers."""
