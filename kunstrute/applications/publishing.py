"""From acceptance to the guide: publishing the decisions."""
