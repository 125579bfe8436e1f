"""Generator of synthetic Chinese resident ID cards (front and back), clean and photographed.

Every person here is invented: names come from common-character lists, ID numbers are built with a valid
GB 11643 checksum over real county codes, and portraits are cut from images that ship inside installed packages
(scikit-image's astronaut, InsightFace's sample photos). Each image gets an expected-JSON file beside it.

    python -m sample_docs.generate --out sample_docs/id_cards --count 12 --seed 7
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import random
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFont

CARD_W, CARD_H = 856, 540  # 85.6 x 54 mm at 10 px/mm
PHOTO_W, PHOTO_H = 1280, 960
TODAY = dt.date(2026, 11, 1)  # fixed so that expiry in the expected JSON does not drift with the calendar

SANS = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
SANS_BOLD = "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc"
MONO = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf"
LABEL_BLUE = (64, 120, 190)

# (county code, address prefix, issuing authority)
REGIONS = [
    ("110105", "北京市朝阳区", "北京市公安局朝阳分局"),
    ("110108", "北京市海淀区", "北京市公安局海淀分局"),
    ("120101", "天津市和平区", "天津市公安局和平分局"),
    ("310104", "上海市徐汇区", "上海市公安局徐汇分局"),
    ("320102", "江苏省南京市玄武区", "南京市公安局玄武分局"),
    ("330106", "浙江省杭州市西湖区", "杭州市公安局西湖区分局"),
    ("350203", "福建省厦门市思明区", "厦门市公安局思明分局"),
    ("370202", "山东省青岛市市南区", "青岛市公安局市南分局"),
    ("420106", "湖北省武汉市武昌区", "武汉市公安局武昌分局"),
    ("430104", "湖南省长沙市岳麓区", "长沙市公安局岳麓分局"),
    ("440106", "广东省广州市天河区", "广州市公安局天河区分局"),
    ("440305", "广东省深圳市南山区", "深圳市公安局南山分局"),
    ("500103", "重庆市渝中区", "重庆市公安局渝中区分局"),
    ("510107", "四川省成都市武侯区", "成都市公安局武侯区分局"),
    ("610113", "陕西省西安市雁塔区", "西安市公安局雁塔分局"),
]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余于杜叶程苏魏吕丁任沈姚卢"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超霞平刚桂兰华建国志红文斌宇浩然子轩欣怡梓涵博雅思远嘉琪俊晨"
ETHNICITIES = ["汉"] * 8 + ["回", "满", "蒙古", "壮", "土家"]
STREETS = ["建国路", "中山路", "人民路", "解放路", "长江路", "文化路", "学院路", "和平街", "新华街", "光明路", "幸福里"]
CHECK_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK_CHARS = "10X98765432"


@dataclass
class Person:
    name: str
    sex: str
    ethnicity: str
    birth: dt.date
    address: str
    id_number: str
    authority: str
    valid_from: dt.date
    valid_until: dt.date | None  # None = 长期


def check_char(first17: str) -> str:
    """GB 11643 MOD 11-2 check character for the first 17 digits."""
    return CHECK_CHARS[sum(int(c) * w for c, w in zip(first17, CHECK_WEIGHTS)) % 11]


def add_years(day: dt.date, years: int) -> dt.date:
    """Same calendar day `years` later (29 Feb falls back to 28 Feb)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def span_for_age(age: int) -> int | None:
    """Validity span in years for the age at issue (None = 长期), per 居民身份证法 Art. 5."""
    if age < 16:
        return 5
    if age <= 25:
        return 10
    if age <= 45:
        return 20
    return None


def make_person(rng: random.Random, expired: bool = False) -> Person:
    """An invented person with a consistent ID number, address and validity period."""
    code, prefix, authority = rng.choice(REGIONS)
    sex = rng.choice("男女")
    birth = dt.date(rng.randint(1958, 2004), rng.randint(1, 12), rng.randint(1, 28))
    seq = rng.randrange(0, 999)
    if (seq % 2 == 1) != (sex == "男"):
        seq = (seq + 1) % 1000 if seq < 998 else seq - 1
    first17 = f"{code}{birth:%Y%m%d}{seq:03d}"
    name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))
    address = (
        f"{prefix}{rng.choice(STREETS)}{rng.randint(1, 299)}号"
        + rng.choice(["", f"{rng.randint(1, 30)}号楼{rng.randint(1, 6)}单元{rng.randint(1, 28)}0{rng.randint(1, 4)}室",
                      f"{rng.randint(1, 12)}栋{rng.randint(101, 2804)}", f"院{rng.randint(1, 9)}号"])
    )
    if expired:
        issue = add_years(TODAY, -rng.randint(11, 14))
        while (span_for_age(_age(birth, issue)) or 100) > 10:
            issue = add_years(issue, -1) if _age(birth, issue) > 25 else add_years(issue, 1)
    else:
        issue = TODAY - dt.timedelta(days=rng.randint(30, 9 * 365))
        issue = max(issue, add_years(birth, 16))
    span = span_for_age(_age(birth, issue))
    until = None if span is None else add_years(issue, span)
    if expired and until is not None and until >= TODAY:
        issue, until = add_years(issue, -10), add_years(until, -10)
    return Person(name, sex, rng.choice(ETHNICITIES), birth, address, first17 + check_char(first17),
                  authority, issue, until)


def _age(birth: dt.date, on: dt.date) -> int:
    """Whole years between birth and `on`."""
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def _font(path: str, size: int) -> ImageFont.FreeTypeFont:
    """A font, cached by PIL's own loader; index 2 of the CJK collections is Simplified Chinese."""
    return ImageFont.truetype(path, size, index=2 if path.endswith(".ttc") else 0)


def _guilloche(rng: random.Random, tint: tuple[int, int, int]) -> Image.Image:
    """A pale card background with interlaced sine curves, like the security print on real cards."""
    bg = np.zeros((CARD_H, CARD_W, 3), np.float32)
    _yy, xx = np.mgrid[0:CARD_H, 0:CARD_W].astype(np.float32)
    base = np.array([246, 244, 238], np.float32)
    bg[:] = base - 8 * (xx / CARD_W)[..., None]
    img = Image.fromarray(bg.clip(0, 255).astype(np.uint8))
    draw = ImageDraw.Draw(img)
    phase = rng.uniform(0, math.tau)
    for k in range(26):
        pts = [(x, 270 + 180 * math.sin(x / 97 + k * 0.24 + phase) * math.cos(x / 211 + k * 0.11))
               for x in range(0, CARD_W, 6)]
        draw.line(pts, fill=tint, width=1)
    return img


def _load(path: Path) -> Image.Image:
    """An RGB copy of an image file, with the file closed again."""
    with Image.open(path) as img:
        return img.convert("RGB")


def _face_sources() -> list[Image.Image]:
    """Portrait crops cut from images that ship inside installed packages (no real applicant)."""
    import insightface
    import skimage

    crops = []
    astro = _load(Path(skimage.__file__).parent / "data" / "astronaut.png")
    crops.append(astro.crop((150, 10, 290, 185)))
    t1 = _load(Path(insightface.__file__).parent / "data" / "images" / "t1.jpg")
    # Face boxes in t1.jpg (found once with SCRFD); each crop frames head and shoulders like an ID photo.
    for box in [(55, 260, 168, 397), (270, 144, 371, 270), (463, 266, 572, 415),
                (745, 342, 847, 480), (906, 59, 1011, 206), (1130, 272, 1227, 400)]:
        crops.append(portrait_crop(t1, box))
    hanks = _load(Path(insightface.__file__).parent / "data" / "images" / "Tom_Hanks_54745.png")
    w, h = hanks.size
    crops.append(hanks.crop((int(w * 0.15), 0, int(w * 0.85), int(h * 0.9))))
    return crops


def portrait_crop(photo: Image.Image, face_box: tuple[float, float, float, float]) -> Image.Image:
    """Head and shoulders around a face box, framed like an ID photo (width:height 0.81)."""
    x1, y1, x2, y2 = face_box
    h = y2 - y1
    cx, top = (x1 + x2) / 2, y1 - 0.45 * h
    height = 1.9 * h
    width = 0.81 * height
    return photo.crop((int(cx - width / 2), int(max(0, top)), int(cx + width / 2), int(top + height)))


def card_photos(person: Person, face: Image.Image, rng: random.Random, upside_down: bool = False
                ) -> tuple[Image.Image, Image.Image]:
    """Phone photos of the front (with this face as the portrait) and the back of one person's card."""
    front, _ = render_front(person, face, rng)
    return photograph(front, rng, upside_down)[0], photograph(render_back(person, rng), rng, False)[0]


def _portrait(face: Image.Image, size: tuple[int, int]) -> Image.Image:
    """The card's portrait: the face on a light background, slightly desaturated like a printed chip photo."""
    img = face.resize(size, Image.LANCZOS)
    arr = np.asarray(img).astype(np.float32)
    grey = arr.mean(axis=2, keepdims=True)
    arr = 0.75 * arr + 0.25 * grey
    return Image.fromarray(arr.clip(0, 255).astype(np.uint8))


def wrap_address(address: str, per_line: int = 11) -> list[str]:
    """The card prints the address 11 characters to a line."""
    return [address[i:i + per_line] for i in range(0, len(address), per_line)]


def render_front(p: Person, face: Image.Image, rng: random.Random) -> tuple[Image.Image, list[int]]:
    """The 人像面 at 856x540; returns the card and the portrait box in card coordinates."""
    card = _guilloche(rng, (226, 232, 240))
    d = ImageDraw.Draw(card)
    lab, val = _font(SANS, 22), _font(SANS, 29)
    d.text((60, 58), "姓名", font=lab, fill=LABEL_BLUE)
    d.text((150, 50), p.name, font=val, fill=(20, 20, 20))
    d.text((60, 116), "性别", font=lab, fill=LABEL_BLUE)
    d.text((150, 108), p.sex, font=val, fill=(20, 20, 20))
    d.text((250, 116), "民族", font=lab, fill=LABEL_BLUE)
    d.text((335, 108), p.ethnicity, font=val, fill=(20, 20, 20))
    d.text((60, 174), "出生", font=lab, fill=LABEL_BLUE)
    x = 150
    for value, unit in ((str(p.birth.year), "年"), (str(p.birth.month), "月"), (str(p.birth.day), "日")):
        d.text((x, 166), value, font=val, fill=(20, 20, 20))
        x += int(d.textlength(value, font=val)) + 8
        d.text((x, 174), unit, font=lab, fill=LABEL_BLUE)
        x += 34
    d.text((60, 232), "住址", font=lab, fill=LABEL_BLUE)
    for i, line in enumerate(wrap_address(p.address)):
        d.text((150, 224 + 42 * i), line, font=val, fill=(20, 20, 20))
    d.text((60, 445), "公民身份号码", font=lab, fill=LABEL_BLUE)
    num_font = _font(MONO, 31)
    x = 270
    for ch in p.id_number:
        d.text((x, 438), ch, font=num_font, fill=(20, 20, 20))
        x += 27
    box = [585, 60, 800, 325]
    card.paste(_portrait(face, (box[2] - box[0], box[3] - box[1])), tuple(box[:2]))
    return _round_corners(card), box


def render_back(p: Person, rng: random.Random) -> Image.Image:
    """The 国徽面 at 856x540 (an abstract emblem, not the real one)."""
    card = _guilloche(rng, (238, 226, 222))
    d = ImageDraw.Draw(card)
    d.ellipse((52, 38, 182, 168), fill=(200, 40, 40))
    star = [(117 + 48 * math.cos(math.radians(-90 + 36 * k)) * (1 if k % 2 == 0 else 0.4),
             103 + 48 * math.sin(math.radians(-90 + 36 * k)) * (1 if k % 2 == 0 else 0.4)) for k in range(10)]
    d.polygon(star, fill=(250, 210, 60))
    title = _font(SANS_BOLD, 38)
    x = 245
    for ch in "中华人民共和国":
        d.text((x, 70), ch, font=title, fill=(30, 30, 30))
        x += 62
    big = _font(SANS_BOLD, 62)
    x = 230
    for ch in "居民身份证":
        d.text((x, 170), ch, font=big, fill=(30, 30, 30))
        x += 100
    lab, val = _font(SANS, 22), _font(SANS, 27)
    d.text((175, 375), "签发机关", font=lab, fill=LABEL_BLUE)
    d.text((300, 368), p.authority, font=val, fill=(20, 20, 20))
    d.text((175, 440), "有效期限", font=lab, fill=LABEL_BLUE)
    until = "长期" if p.valid_until is None else f"{p.valid_until:%Y.%m.%d}"
    d.text((300, 433), f"{p.valid_from:%Y.%m.%d}-{until}", font=val, fill=(20, 20, 20))
    return _round_corners(card)


def _round_corners(card: Image.Image, radius: int = 32) -> Image.Image:
    """An RGBA card with rounded corners, so that it sits on a photo background like a real card."""
    mask = Image.new("L", card.size, 0)
    ImageDraw.Draw(mask).rounded_rectangle((0, 0, card.size[0] - 1, card.size[1] - 1), radius, fill=255)
    out = card.convert("RGBA")
    out.putalpha(mask)
    return out


def _background(rng: random.Random, size: tuple[int, int] = (PHOTO_W, PHOTO_H)) -> Image.Image:
    """A cluttered desk: a texture from scikit-image's sample images plus a few random objects."""
    import skimage

    texture, shapes = _clutter_plan(rng, size)
    bg = _load(Path(skimage.__file__).parent / "data" / texture).resize(size, Image.BILINEAR)
    d = ImageDraw.Draw(bg)
    for x, y, w, h, colour, ellipse in shapes:
        (d.ellipse if ellipse else d.rectangle)((x, y, x + w, y + h), fill=colour)
    return bg


def _clutter_plan(rng: random.Random, size: tuple[int, int]) -> tuple[str, list[tuple]]:
    """The desk's random draws without drawing anything: its texture and its objects (x, y, w, h, colour,
    ellipse or rectangle)."""
    names = ["coffee.png", "chelsea.png", "brick.png", "gravel.png", "grass.png", "rocket.jpg", "motorcycle_left.png"]
    texture = rng.choice(names)
    shapes = []
    for _ in range(rng.randint(2, 6)):
        x, y = rng.randrange(size[0]), rng.randrange(size[1])
        w, h = rng.randint(60, 300), rng.randint(40, 200)
        colour = tuple(rng.randint(20, 230) for _ in range(3))
        shapes.append((x, y, w, h, colour, rng.random() < 0.5))
    return texture, shapes


def photo_pose(card_size: tuple[int, int], rng: random.Random, upside_down: bool, size: tuple[int, int],
               scale_range: tuple[float, float], max_angle: float) -> np.ndarray:
    """The pose of a photographed card: the 3x3 homography from card to photo coordinates (scale, turn, place and
    a little perspective), drawn from rng right after the desk."""
    import cv2

    photo_w, photo_h = size
    card_w, card_h = card_size
    scale = rng.uniform(*scale_range)
    angle = math.radians(rng.uniform(-max_angle, max_angle) + (180 if upside_down else 0))
    cx, cy = photo_w / 2 + rng.uniform(-60, 60), photo_h / 2 + rng.uniform(-50, 50)
    src = np.float32([[0, 0], [card_w, 0], [card_w, card_h], [0, card_h]])
    dst = []
    for (x, y) in src:
        x0, y0 = (x - card_w / 2) * scale, (y - card_h / 2) * scale
        jitter = 0.035 * card_w * scale
        x0 += rng.uniform(-jitter, jitter)
        y0 += rng.uniform(-jitter, jitter)
        dst.append([cx + x0 * math.cos(angle) - y0 * math.sin(angle), cy + x0 * math.sin(angle) + y0 * math.cos(angle)])
    return cv2.getPerspectiveTransform(src, np.float32(dst))


def photograph(card: Image.Image, rng: random.Random, upside_down: bool, size: tuple[int, int] = (PHOTO_W, PHOTO_H),
               scale_range: tuple[float, float] = (0.95, 1.2), max_angle: float = 15) -> tuple[Image.Image, np.ndarray]:
    """A phone photo of a card or page: on clutter, rotated, in perspective, blurred, with glare and noise.

    Returns the photo and the 3x3 homography that maps card coordinates to photo coordinates.
    """
    import cv2

    photo_w, photo_h = size
    bg = np.asarray(_background(rng, size)).astype(np.float32)
    homography = photo_pose(card.size, rng, upside_down, size, scale_range, max_angle)
    rgba = np.asarray(card).astype(np.float32)
    warped = cv2.warpPerspective(rgba, homography, (photo_w, photo_h), flags=cv2.INTER_LINEAR)
    alpha = warped[..., 3:4] / 255.0
    # A soft shadow under the card.
    shadow = cv2.GaussianBlur(alpha, (0, 0), 9)
    if shadow.ndim == 2:
        shadow = shadow[..., None]
    out = bg * (1 - 0.35 * np.roll(shadow, (8, 8), axis=(0, 1)))
    out = out * (1 - alpha) + warped[..., :3] * alpha
    # Uneven light and glare.
    yy, xx = np.mgrid[0:photo_h, 0:photo_w].astype(np.float32)
    out *= (0.85 + 0.2 * (xx / photo_w) * rng.uniform(0.5, 1.0))[..., None]
    gx, gy = rng.uniform(0.25, 0.75) * photo_w, rng.uniform(0.25, 0.75) * photo_h
    glare = np.exp(-(((xx - gx) / rng.uniform(90, 160)) ** 2 + ((yy - gy) / rng.uniform(60, 110)) ** 2))
    out = out + rng.uniform(0.25, 0.45) * glare[..., None] * (255 - out)
    out = cv2.GaussianBlur(out, (0, 0), rng.uniform(0.4, 1.1))
    out += np.random.default_rng(rng.randrange(1 << 30)).normal(0, 3.0, out.shape)
    return Image.fromarray(out.clip(0, 255).astype(np.uint8)), homography


def expected(p: Person, side: str) -> dict:
    """The fields the service must read from this side of the card."""
    if side == "front":
        fields = {"name": p.name, "sex": p.sex, "ethnicity": p.ethnicity, "birth_date": p.birth.isoformat(),
                  "address": p.address, "id_number": p.id_number}
    else:
        fields = {"issuing_authority": p.authority, "valid_from": p.valid_from.isoformat(),
                  "valid_until": "long_term" if p.valid_until is None else p.valid_until.isoformat()}
    return {"document_type": "cn_id_card", "side": side, "fields": fields}


def generate(out: Path, count: int, seed: int, photos_per_side: int = 1) -> list[Path]:
    """Write `count` people as clean and photographed fronts and backs with expected JSON; return the images."""
    rng = random.Random(seed)
    faces = _face_sources()
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for i in range(count):
        person = make_person(rng, expired=(i % 6 == 5))
        face = faces[i % len(faces)]
        front, portrait = render_front(person, face, rng)
        back = render_back(person, rng)
        stem = f"card{i:03d}"
        for side, card in (("front", front), ("back", back)):
            clean = Image.new("RGB", card.size, (255, 255, 255))
            clean.paste(card, mask=card.split()[3])
            variants = [("scan", clean, None, False)]
            for k in range(photos_per_side):
                upside_down = (i + k) % 5 == 4
                photo, homography = photograph(card, rng, upside_down=upside_down)
                variants.append((f"photo{k}" if photos_per_side > 1 else "photo", photo, homography, upside_down))
            for variant, img, homography, upside_down in variants:
                path = out / f"{stem}_{side}_{variant}.jpg"
                img.save(path, quality=85)
                exp = expected(person, side)
                if side == "front":
                    exp["portrait_bbox"] = _map_box(portrait, homography)
                exp["variant"] = variant
                exp["rotation"] = 180 if upside_down else 0  # the card's turn in the picture, clockwise
                path.with_suffix(".json").write_text(json.dumps(exp, ensure_ascii=False, indent=1) + "\n")
                written.append(path)
    return written


def _map_box(box: list[int], homography: np.ndarray | None) -> list[int]:
    """The axis-aligned box, in photo coordinates, around the card-coordinate box."""
    if homography is None:
        return list(box)
    x1, y1, x2, y2 = box
    pts = np.float32([[x1, y1, 1], [x2, y1, 1], [x2, y2, 1], [x1, y2, 1]]) @ homography.T
    pts = pts[:, :2] / pts[:, 2:]
    return [int(pts[:, 0].min()), int(pts[:, 1].min()), int(pts[:, 0].max()), int(pts[:, 1].max())]


def main(argv: list[str] | None = None) -> int:
    """Command line: write a sample set."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=Path(__file__).parent / "id_cards")
    ap.add_argument("--count", type=int, default=12)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--photos", type=int, default=1, help="photographed variants per side")
    args = ap.parse_args(argv)
    paths = generate(args.out, args.count, args.seed, args.photos)
    print(f"wrote {len(paths)} images to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
