"""The audit log: who changed which object's state, and when.

No blueprint: other domains write entries through `services.record` and `change_state`.
"""
