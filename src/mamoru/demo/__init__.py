"""A fictional ceramics/materials SME and the three cases of guidance chapter 5, played out."""
