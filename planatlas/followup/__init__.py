"""Follow-up of plans: what a plan's organisation has done about each measure, activity, demand
and goal, against the targets the coder found.

    records.py   the follow-up records: items, changes, events, evidence
    status.py    the statuses by kind (data/followup.yaml) and the one check of a change
    progress.py  progress against a statement's parsed target ("2 av ≥ 3", kroner, per cent)
    rollup.py    items -> sections -> the plan, weighted
    carry.py     a new version of a plan: follow-up carried to the matched items
    report.py    the status report a board presents at the annual meeting
    table.py     follow-up as CSV/Excel rows, out and back in, with the same columns
    store.py     the one module that reads and writes follow-up in the atlas
    contacts.py  an organisation's contacts (people), with consent; and who spoke in a document
"""
