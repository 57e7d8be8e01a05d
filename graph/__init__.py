"""Graph model, the two stores, batched loading and networkx export."""
