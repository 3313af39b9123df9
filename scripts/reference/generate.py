"""Reference vectors of test/fixtures/reference/ from the float64 definitions of docs/LOSSES.md.

    python3 scripts/reference/generate.py            # compare with the committed expected.json (1e-9)
    python3 scripts/reference/generate.py --write    # rewrite them (adding new entries), only if every
                                                     # committed value is reproduced

Regenerates the `paper` sections (losses, metrics, params, metricsPooledHd95,
metricsSpacingX0.5Y2, perClass). The `monai`, `smp` and `medpy` sections hold the real libraries'
values and are kept as they are.
"""
import json
import math
import struct
import sys
import zlib
from pathlib import Path

import numpy as np
from scipy import ndimage

ROOT = Path(__file__).resolve().parents[2] / 'test' / 'fixtures' / 'reference'
EPS_CLIP = 1e-7
TOL = 1e-9


# --- inputs -------------------------------------------------------------------------------------

def read_png(path):
    """Grey PNG (8 or 16 bit, not interlaced) or 8-bit palette PNG: samples as stored."""
    data = path.read_bytes()
    assert data[:8] == b'\x89PNG\r\n\x1a\n'
    at, idat = 8, b''
    while at < len(data):
        (length,), kind = struct.unpack('>I', data[at:at + 4]), data[at + 4:at + 8]
        body = data[at + 8:at + 8 + length]
        if kind == b'IHDR':
            w, h, depth, ctype, _, _, interlace = struct.unpack('>IIBBBBB', body)
        elif kind == b'IDAT':
            idat += body
        at += 12 + length
    assert ctype in (0, 3) and interlace == 0 and depth in (8, 16), (path, ctype, depth, interlace)
    bpp = depth // 8
    stride = w * bpp
    raw = zlib.decompress(idat)
    out = bytearray(h * stride)
    prev = bytearray(stride)
    for r in range(h):
        f = raw[r * (stride + 1)]
        line = bytearray(raw[r * (stride + 1) + 1:(r + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if f == 1: line[i] = (line[i] + a) & 255
            elif f == 2: line[i] = (line[i] + b) & 255
            elif f == 3: line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        out[r * stride:(r + 1) * stride] = line
        prev = line
    return np.frombuffer(bytes(out), dtype='>u2' if depth == 16 else np.uint8).reshape(h, w).astype(np.int64)


# --- distances ----------------------------------------------------------------------------------

def edt(mask, spacing):
    """Exact distance of each pixel to the nearest pixel where `mask` is false; 0 without such a pixel."""
    if mask.all():
        return np.zeros(mask.shape)
    return ndimage.distance_transform_edt(mask, sampling=spacing)


def boundary(mask):
    cross = ndimage.generate_binary_structure(2, 1)
    return mask & ~ndimage.binary_erosion(mask, structure=cross, border_value=0)


def surface_distances(g, p, spacing):
    bg, bp = boundary(g), boundary(p)
    def sample(frm, to):
        if not frm.any():
            return np.zeros(0)
        if not to.any():
            return np.full(int(frm.sum()), np.inf)
        return np.sort(edt(~to, spacing)[frm])
    return sample(bp, bg), sample(bg, bp)   # D(P→G), D(G→P)


# --- the statistics of one binary problem -------------------------------------------------------

class Problem:
    def __init__(self, p, y, hard, valid, spacing, field_hard=None):
        self.p, self.y, self.hard, self.valid, self.spacing = p, y, hard, valid, spacing
        # The hard prediction of the losses' distance fields: p > 0.5 also for a class of a multi-class
        # pair, whose metrics and boundaries use the argmax (`hard`).
        self.field_hard = hard if field_hard is None else field_hard
        v = valid
        self.pv, self.yv = p[v], y[v].astype(float)
        self.n = float(v.sum())
        self.lnq = np.log(np.clip(self.pv, EPS_CLIP, 1 - EPS_CLIP))
        self.ln1q = np.log(np.clip(1 - self.pv, EPS_CLIP, 1 - EPS_CLIP))
        pv, yv = self.pv, self.yv
        self.tp, self.sp, self.sy = (pv * yv).sum(), pv.sum(), yv.sum()
        self.fp, self.fn = self.sp - self.tp, self.sy - self.tp
        self.tn = self.n - self.sp - self.sy + self.tp

    def background(self):
        return Problem(1 - self.p, (~self.y.astype(bool)) & self.valid, (~self.hard.astype(bool)) & self.valid, self.valid, self.spacing)


def dice_coef(s, smooth=1.0):
    return (2 * s.tp + smooth) / (s.sp + s.sy + smooth)


def ce(s):
    return -(s.yv * s.lnq + (1 - s.yv) * s.ln1q).sum() / s.n


def tversky_index(s, a, b, smooth):
    return (s.tp + smooth) / (s.tp + a * s.fp + b * s.fn + smooth)


def generalized_dice(classes, smooth):
    w = np.array([1 / c.sy ** 2 if c.sy > 0 else np.inf for c in classes])
    finite = w[np.isfinite(w)]
    w[~np.isfinite(w)] = finite.max() if finite.size else 0
    inter = sum(wc * c.tp for wc, c in zip(w, classes))
    total = sum(wc * (c.sp + c.sy) for wc, c in zip(w, classes))
    return 1 - (2 * inter + smooth) / (total + smooth)


def exp_log(classes, wd=0.8, wc=0.2, gd=0.3, gc=0.3):
    dice_term = np.mean([(-math.log(dice_coef(c))) ** gd for c in classes])
    total = sum(c.sy for c in classes)
    ce_sum = sum(math.sqrt(total / c.sy) * ((-c.lnq[c.yv > 0]) ** gc).sum() for c in classes if c.sy > 0)
    return wd * dice_term + wc * ce_sum / classes[0].n


def lovasz_hinge(s):
    x = s.lnq - s.ln1q
    e = 1 - x * (2 * s.yv - 1)
    order = np.argsort(-e, kind='stable')
    es, gs = e[order], s.yv[order]
    inter = s.sy - np.cumsum(gs)
    union = s.sy + np.cumsum(1 - gs)
    j = 1 - inter / union
    j[1:] = j[1:] - j[:-1]
    return float(np.dot(np.maximum(es, 0), j))


def two_sided(mask, spacing):
    if not mask.any() or mask.all():
        return np.zeros(mask.shape)
    return edt(mask, spacing) + edt(~mask, spacing)


def binary_losses(s, params=None):
    P = {'weighted-ce': {'beta': 'auto'}, 'balanced-ce': {'beta': 'auto'}, 'focal': {'alpha': 0.25, 'gamma': 2},
         'dice': {'smooth': 1}, 'jaccard': {'smooth': 1}, 'tversky': {'fpWeight': 0.3, 'fnWeight': 0.7, 'smooth': 1},
         'focal-tversky': {'fpWeight': 0.3, 'fnWeight': 0.7, 'smooth': 1, 'gamma': 0.75},
         'sensitivity-specificity': {'sensitivityWeight': 0.05, 'epsilon': 1e-5}, 'generalized-dice': {'smooth': 1e-5},
         'hausdorff-dt': {'alpha': 2}, 'exp-log': {'diceWeight': 0.8, 'ceWeight': 0.2, 'diceGamma': 0.3, 'ceGamma': 0.3},
         'combo': {'alpha': 0.5, 'beta': 0.5}}
    for k, v in (params or {}).items():
        P[k] = {**P[k], **v}
    yv, n = s.yv, s.n
    out = {'ce': ce(s)}
    b = P['weighted-ce']['beta']
    b = ((n - s.sy) / s.sy if s.sy > 0 else 1) if b == 'auto' else b
    out['weighted-ce'] = -(b * yv * s.lnq + (1 - yv) * s.ln1q).sum() / n
    b = P['balanced-ce']['beta']
    b = 1 - s.sy / n if b == 'auto' else b
    out['balanced-ce'] = -(b * yv * s.lnq + (1 - b) * (1 - yv) * s.ln1q).sum() / n
    a, g = P['focal']['alpha'], P['focal']['gamma']
    q = np.clip(s.pv, EPS_CLIP, 1 - EPS_CLIP)
    fpos = -((1 - q) ** g * s.lnq)[yv > 0].sum()
    fneg = -(q ** g * s.ln1q)[yv == 0].sum()
    out['focal'] = (fpos + fneg) / n if a == 'none' else (a * fpos + (1 - a) * fneg) / n
    # Distance fields over the whole image, ignored pixels as background.
    y, hard, sp = s.y.astype(bool), s.hard.astype(bool), s.spacing
    d_in, d_out = edt(y, sp), edt(~y, sp)
    d = np.where(y, d_in, d_out)
    max_in = d_in[y].max() if y.any() else 0.0
    max_out = d_out[~y].max() if (~y).any() else 0.0
    phi = np.where(y, (1 - d / max_in) if max_in > 0 else 0.0, (1 - d / max_out) if max_out > 0 else 0.0)
    ce_i = -(s.y * np.log(np.clip(s.p, EPS_CLIP, 1 - EPS_CLIP)) + (1 - s.y) * np.log(np.clip(1 - s.p, EPS_CLIP, 1 - EPS_CLIP)))
    out['distance-penalized-ce'] = ((1 + phi) * ce_i)[s.valid].sum() / n
    out['dice'] = 1 - dice_coef(s, P['dice']['smooth'])
    sm = P['jaccard']['smooth']
    out['jaccard'] = 1 - (s.tp + sm) / (s.sp + s.sy - s.tp + sm)
    t = P['tversky']
    out['tversky'] = 1 - tversky_index(s, t['fpWeight'], t['fnWeight'], t['smooth'])
    t = P['focal-tversky']
    out['focal-tversky'] = (1 - tversky_index(s, t['fpWeight'], t['fnWeight'], t['smooth'])) ** t['gamma']
    r, eps = P['sensitivity-specificity']['sensitivityWeight'], P['sensitivity-specificity']['epsilon']
    err = (yv - s.pv) ** 2
    out['sensitivity-specificity'] = r * (err * yv).sum() / (s.sy + eps) + (1 - r) * (err * (1 - yv)).sum() / (n - s.sy + eps)
    out['log-cosh-dice'] = math.log(math.cosh(out['dice'] if P['dice']['smooth'] == 1 else 1 - dice_coef(s)))
    bg = s.background()
    out['generalized-dice'] = generalized_dice([bg, s], P['generalized-dice']['smooth'])
    e = 1e-5
    tp, fp, fn, tn = s.tp + e, s.fp + e, s.fn + e, s.tn + e
    out['mcc'] = 1 - (tp * tn - fp * fn) / math.sqrt((tp + fp) * (tp + fn) * (tn + fp) * (tn + fn))
    out['lovasz-hinge'] = lovasz_hinge(s)
    p2g, g2p = surface_distances(y, hard, sp)
    E = p2g.mean() if p2g.size and g2p.size else 0.0
    out['shape-aware'] = (1 + E) * out['ce']
    al = P['hausdorff-dt']['alpha']
    dy, dp = two_sided(y, sp), two_sided(s.field_hard.astype(bool), sp)
    out['hausdorff-dt'] = (((s.p - s.y) ** 2) * (dp ** al + dy ** al))[s.valid].sum() / n
    phi_b = np.zeros(y.shape) if not y.any() else np.where(y, -(d_in - 1), d_out)
    out['boundary'] = (s.p * phi_b)[s.valid].sum() / n
    x = P['exp-log']
    out['exp-log'] = exp_log([bg, s], x['diceWeight'], x['ceWeight'], x['diceGamma'], x['ceGamma'])
    a, b = P['combo']['alpha'], P['combo']['beta']
    wce = -(b * yv * s.lnq + (1 - b) * (1 - yv) * s.ln1q).sum() / n
    out['combo'] = a * wce - (1 - a) * dice_coef(s)
    out['dice-ce'] = out['ce'] + out['dice']
    return out


def tag(v):
    if v is None: return {'value': None, 'status': 'undefined'}
    if math.isinf(v): return {'value': None, 'status': 'infinite'}
    return {'value': float(v), 'status': 'ok'}


def metrics(s, pooled=False):
    g, p = s.y.astype(bool) & s.valid, s.hard.astype(bool) & s.valid
    tp = float((g & p).sum()); fp = float((~g & p & s.valid).sum()); fn = float((g & ~p).sum()); tn = s.n - tp - fp - fn
    ratio = lambda a, b: tag(a / b if b > 0 else None)
    out = {
        'dice': tag(1.0 if 2 * tp + fp + fn == 0 else 2 * tp / (2 * tp + fp + fn)),
        'iou': tag(1.0 if tp + fp + fn == 0 else tp / (tp + fp + fn)),
        'precision': ratio(tp, tp + fp), 'recall': ratio(tp, tp + fn), 'specificity': ratio(tn, tn + fp), 'accuracy': ratio(tp + tn, s.n),
    }
    p2g, g2p = surface_distances(g, p, s.spacing)
    if not p2g.size and not g2p.size:
        for k in ('hd', 'hd95', 'assd', 'nsd'): out[k] = tag(None)
    elif not p2g.size or not g2p.size:
        for k in ('hd', 'hd95', 'assd'): out[k] = tag(math.inf)
        out['nsd'] = tag(0.0)
    else:
        out['hd'] = tag(max(p2g.max(), g2p.max()))
        out['hd95'] = tag(np.percentile(np.concatenate([p2g, g2p]), 95) if pooled else max(np.percentile(p2g, 95), np.percentile(g2p, 95)))
        out['assd'] = tag(np.concatenate([p2g, g2p]).mean())
        out['nsd'] = tag(((p2g <= 1).sum() + (g2p <= 1).sum()) / (p2g.size + g2p.size))
    return out


# --- cases --------------------------------------------------------------------------------------

def parse_params(key):
    loss, _, rest = key.partition('@')
    out = {}
    for kv in filter(None, rest.split(',')):
        k, v = kv.split('=')
        out[k] = v if v in ('auto', 'none') else float(v)
    return loss, out


def binary_case(d, old):
    gt = read_png(d / 'gt.png')
    prob = read_png(d / 'pred.png') / 65535.0
    ignore = old.get('ignoreIndex')
    valid = gt != ignore if ignore is not None else np.ones(gt.shape, bool)
    y = (gt != 0) & valid
    def problem(threshold=0.5, spacing=(1.0, 1.0)):
        return Problem(prob, y, (prob > threshold) & valid, valid, spacing)
    s = problem()
    paper = {'losses': binary_losses(s), 'metrics': metrics(s)}
    if 'params' in old['paper']:
        paper['params'] = {}
        for key in old['paper']['params']:
            loss, ps = parse_params(key)
            paper['params'][key] = binary_losses(s, {loss: ps})[loss]
    if 'metricsPooledHd95' in old['paper']:
        paper['metricsPooledHd95'] = metrics(s, pooled=True)['hd95']
    if 'metricsSpacingX0.5Y2' in old['paper']:
        m = metrics(problem(spacing=(2.0, 0.5)))   # (rows, columns)
        paper['metricsSpacingX0.5Y2'] = {k: m[k] for k in old['paper']['metricsSpacingX0.5Y2']}
    return paper


def read_npy(path):
    return np.load(path).astype(np.float64)


def multiclass_case(d, old):
    gt = read_png(d / 'gt.png')
    prob = read_npy(d / 'pred.npy')
    C = prob.shape[0]
    valid = np.ones(gt.shape, bool)
    am = prob.argmax(axis=0)
    probs = [Problem(prob[c], (gt == c) & valid, (am == c) & valid, valid, (1.0, 1.0), (prob[c] > 0.5) & valid) for c in range(C)]
    n = probs[0].n
    losses = {
        'ce': -sum(c.lnq[c.yv > 0].sum() for c in probs) / n,
        'generalized-dice': generalized_dice(probs, 1e-5),
        'exp-log': exp_log(probs),
        'dice': float(np.mean([1 - dice_coef(c) for c in probs])),
    }
    per = {}
    for k, c in enumerate(probs):
        bl = binary_losses(c)
        per[str(k)] = {'losses': {i: bl[i] for i in old['paper']['perClass'][str(k)]['losses']}, 'metrics': metrics(c)}
    return {'losses': {k: losses[k] for k in old['paper']['losses']}, 'perClass': per}


def compare(a, b, path, worst, new):
    """Largest relative difference of the committed values `b` from `a` into `worst`; entries only `a` has into `new`."""
    if isinstance(b, dict):
        if not isinstance(a, dict) or not set(b) <= set(a):
            raise SystemExit(f'{path}: no value computed for {sorted(set(b) - set(a)) if isinstance(a, dict) else b}')
        new.extend(f'{path}.{k}' for k in set(a) - set(b))
        for k in b: compare(a[k], b[k], f'{path}.{k}', worst, new)
    elif isinstance(b, (int, float)) and not isinstance(b, bool):
        rel = abs(a - b) / max(abs(b), 1e-12) if abs(a - b) > 1e-15 else 0.0
        if rel > worst[0]: worst[:] = [rel, path, a, b]
    elif a != b:
        raise SystemExit(f'{path}: {a!r} vs {b!r}')


def main():
    write = '--write' in sys.argv
    worst_all = [0.0, '', None, None]
    results = {}
    for d in sorted(p for p in ROOT.iterdir() if p.is_dir()):
        old = json.loads((d / 'expected.json').read_text())
        paper = binary_case(d, old) if old['mode'] == 'binary' else multiclass_case(d, old)
        worst, new = [0.0, '', None, None], []
        compare(paper, old['paper'], d.name, worst, new)
        print(f'{d.name}: largest relative difference {worst[0]:.2e}' + (f' ({worst[1]}: {worst[2]!r} vs {worst[3]!r})' if worst[0] else '')
              + (f'; new: {", ".join(sorted(new))}' if new else ''))
        if worst[0] > worst_all[0]: worst_all = worst
        results[d] = {**old, 'paper': paper}
    ok = worst_all[0] <= TOL
    print(f'{"reproduced" if ok else "NOT reproduced"} to {TOL:g}: largest relative difference {worst_all[0]:.2e}')
    if write and ok:
        for d, data in results.items():
            (d / 'expected.json').write_text(json.dumps(data, indent=1))
    sys.exit(0 if ok else 1)


if __name__ == '__main__':
    main()
