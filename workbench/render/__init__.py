"""Pictures drawn without any network access (route maps; briefing figures build on the same style)."""
