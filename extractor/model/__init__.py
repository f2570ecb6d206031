"""The article JSON contract and what every layer shares: dataclasses, entity keys, the vocabulary,
defaults and settings. Free of spaCy; everything else depends on it."""
