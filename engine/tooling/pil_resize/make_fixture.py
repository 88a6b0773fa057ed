"""Makes the oracle for PilBicubicTest: random RGB pictures and PIL's bicubic resize of them to a
square, as the official SAM 2 predictor resizes frames. Needs Debian's python3-pil (/usr/bin/python3).
Usage: /usr/bin/python3 make_fixture.py <out dir>"""
import random
import sys
from PIL import Image

out = sys.argv[1]
rnd = random.Random(20261201)
for name, (w, h), size in [("small", (97, 61), 64), ("large", (300, 200), 128), ("square", (64, 64), 64)]:
    img = Image.new("RGB", (w, h))
    px = img.load()
    for y in range(h):
        for x in range(w):
            base = ((x * 255) // w, (y * 255) // h, 255 if (x // 7 + y // 5) % 2 else 0)
            px[x, y] = tuple(max(0, min(255, v + rnd.randint(-40, 40))) for v in base)
    img.save(f"{out}/{name}.in.png")
    img.resize((size, size), Image.BICUBIC).save(f"{out}/{name}.out.png")
    print(name, w, h, "->", size)
