"""``bilingual import``: a team's existing human translations become its PO memory, as po4a-gettextize does.

:mod:`.paths` finds each English source's human edition (beside it, or in a parallel tree),
:mod:`.align` aligns it block by block and sentence by sentence with a verdict for each sentence,
:mod:`.catalog` merges the sentences into the PO file without touching approved entries, and
:mod:`.adoption` runs the whole import under the folders' locks and writes all or nothing.
"""
