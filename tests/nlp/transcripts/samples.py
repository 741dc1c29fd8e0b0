"""Call transcripts written for these tests (not from any evaluation set)."""

# ruff: noqa: E501

EN_CALL = """\
Maya Lopez (Account Executive): Hi Tom, thanks for making time today. How is the quarter going?
Tom Berg (VP Operations): Busy, but fine. We looked at your trial workspace last week.
Maya Lopez (Account Executive): What did the dispatch team think of the route board?
Tom Berg (VP Operations): They liked it, it's clearer than our whiteboard. But the price is a problem, it's way over our budget for this year.
Maya Lopez (Account Executive): Understood. What number were you planning around?
Tom Berg (VP Operations): About half. We're also evaluating Zoho, and they quoted us much less.
Maya Lopez (Account Executive): That's fair. Zoho is a solid tool for small teams.
Tom Berg (VP Operations): And our IT lead needs your SOC 2 report before anything moves forward.
Maya Lopez (Account Executive): I can send the SOC 2 report today under NDA.
Tom Berg (VP Operations): Good. In the end our CFO signs off on anything above twenty thousand.
Maya Lopez (Account Executive): Could we book thirty minutes with your CFO next Thursday at 2pm to walk through a revised proposal?
Tom Berg (VP Operations): Thursday at 2pm works. Send the invite.
Maya Lopez (Account Executive): Will do, thanks Tom.
"""

ZH_CALL = """\
陈晨（客户经理）：刘总您好，感谢您抽时间。上次试用下来，大家觉得怎么样？
刘总：整体还可以，手机端填拜访挺方便的。
陈晨（客户经理）：那太好了。还有什么顾虑吗？
刘总：主要是价格太贵了，超出我们今年的预算。我们也在跟纷享谈，他们报价低不少。
陈晨（客户经理）：明白，我们可以按三年期重新做一版报价。
刘总：另外必须能跟我们的金蝶对接，不然财务那边不会同意。
陈晨（客户经理）：我们有标准的金蝶接口，可以做双向同步。
刘总：好，这个事情最后还得我们董事长拍板。
陈晨（客户经理）：那我下周三下午两点带方案过来，跟董事长当面汇报一下？
刘总：可以，周三下午两点，你把会议邀请发给我。
陈晨（客户经理）：好的，谢谢刘总！
"""
