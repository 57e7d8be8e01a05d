"""Reading, normalising and extracting Vietnamese policy documents."""
