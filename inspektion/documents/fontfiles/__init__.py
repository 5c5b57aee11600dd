"""DejaVu Sans, vendored with its licence (LICENSE.txt) so a wheel prints the same letters
on any machine: no system font is looked up."""
