"""Who may do what: organisations, users and their roles, passwords, API tokens, access rules.

roles.py      the roles and the `Viewer` a request is made as (a user, a token, or nobody)
passwords.py  argon2 hashes of passwords
tokens.py     API tokens: random, shown once, kept as a SHA-256 hash
access.py     the access rules, one table: every web route and API route -> its rule
store.py      users, organisations, tokens, failed logins, owners of documents, audit log
"""
