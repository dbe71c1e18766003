"""HTTP pieces every service's FastAPI app shares."""
