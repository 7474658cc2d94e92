"""Reading pages of course modules (catalogue, module, lesson, archive, diff, assets, search)."""
