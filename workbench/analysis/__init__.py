"""What the analyst runs on the graph: detectors, risk, network measures, exploration, the console."""
