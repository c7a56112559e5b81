"""Files other tools read: GraphML, i2 ANX, FollowTheMoney, CSV."""
