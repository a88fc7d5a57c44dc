"""Reports: what people read about runs (terminal views, HTML and Markdown compilations)."""
