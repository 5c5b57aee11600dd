"""Pure rules of a focus inspection: no I/O, no framework, nothing from the rest of the package."""
