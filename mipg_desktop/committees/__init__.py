"""Committee work: committees, sessions, agenda, attendance, minutes, commitments, packages.

Read models for the window and the documents are in :mod:`mipg_desktop.committees.views`;
each other module holds the services for one subject (one public call = one transaction).
"""
