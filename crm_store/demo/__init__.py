"""Demo tenant: a fictional software vendor with a year of realistic, learnable CRM history."""

from crm_store.demo.seed import DemoSummary, demo_now, seed_demo

__all__ = ["DemoSummary", "demo_now", "seed_demo"]
