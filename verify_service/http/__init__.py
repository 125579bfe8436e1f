"""HTTP front door: JSON API blueprints, upload parsing and the one place errors become JSON."""
