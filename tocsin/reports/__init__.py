"""Reports: country assessment, annual ranking, weekly digest."""
