"""The spaCy layer, where facts are made: the pipeline, its components, the relation rules, and
Doc to article graph. The only layer that imports spaCy."""
