"""Text: the one normalizer and tokenizer (``tokenize``) and the phrase matcher built on it
(``phrases``), shared by every stage that compares words."""
