"""Data files shipped with the package: gazetteer, places, lexicon, and the relation rules (rules/)."""
