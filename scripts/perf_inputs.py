#!/usr/bin/env python3
"""Writes the inputs of the whole-scan figures in docs/performance.md.

    python3 scripts/perf_inputs.py /tmp/perf   # /tmp/perf/dir (200 files, ~730 MB), /tmp/perf/big2g.txt
"""
import os, random, sys

out = sys.argv[1] if len(sys.argv) > 1 else "/tmp/perf"
SENTENCES = [
    "本機關依個人資料保護法規定，於蒐集個人資料時應明確告知當事人蒐集之目的及類別。",
    "会议讨论了明年的预算安排，各部门需要在下个月底之前提交详细的计划书。",
    "The committee reviewed the quarterly report and approved the revised budget. ",
    "聯絡電話：0912-345-678，身分證字號 A123456789，",
    "e-mail: chen.xiaoming@example.com ",
    "申請人：王小明先生，地址：臺北市中正區重慶南路一段122號3樓。\n",
    "研究团队发现，长期睡眠不足会影响记忆力和注意力，建议每天保证充足休息。",
    "Access logs are retained for ninety days and reviewed monthly by the security officer.\n",
]
WEIGHTS = [3, 3, 3, 1, 1, 1, 3, 3]
random.seed(7)
os.makedirs(os.path.join(out, "dir"), exist_ok=True)
for i in range(200):
    with open(os.path.join(out, "dir", f"f{i:03}.txt"), "w", encoding="utf-8") as f:
        f.write("".join(random.choices(SENTENCES, weights=WEIGHTS, k=40000)))
block = "".join(random.choices(SENTENCES, weights=WEIGHTS, k=20000)).encode()
with open(os.path.join(out, "big2g.txt"), "wb") as f:
    n = 0
    while n < 2 * 1024**3:
        f.write(block)
        n += len(block)
