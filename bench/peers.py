"""A stand-in for the Python peers, timed on the bench's own pair.

MONAI, segmentation_models_pytorch and MedPy cannot be installed on the bench machine (no Python
package index), so this re-creates the calls a user makes with them, with the same algorithms and
the same recomputation per call, on numpy + scipy.ndimage, which is what MedPy and MONAI's CPU
surface-distance path call for their erosions and distance transforms:

- MONAI: DiceLoss, GeneralizedDiceLoss, TverskyLoss, FocalLoss, DiceCELoss, DiceFocalLoss on the two
  one-hot channels; HausdorffDTLoss(sigmoid) on the foreground (the engine's hausdorff-dt: a distance
  field of the thresholded prediction and of the ground truth per call, each EDT(fg) + EDT(bg), no
  spacing, as MONAI's); DiceMetric, MeanIoU, HausdorffDistanceMetric(percentile=95), SurfaceDistanceMetric
  (symmetric) and SurfaceDiceMetric on the foreground, each call finding its own edges (cropped to the
  masks' bounding box) and distance transforms.
- SMP (2-D only): DiceLoss, JaccardLoss, TverskyLoss, FocalLoss, LovaszLoss (binary), SoftBCE.
- MedPy: dc, jc, precision, recall, specificity, hd, hd95, assd, each call eroding and transforming
  anew.

The torch tensor ops of MONAI and SMP become numpy ops here; their cost is small beside the distance
transforms, which dominate. Single thread, as the engine is timed.

    python3 bench/peers.py GT.npy PROB.npy --spacing 0.8,0.8,2.5 --runs 3 [--smp]

prints one JSON line: {"runs", "ms" (median of the whole subset), "msWithoutHdDt" (the same without
HausdorffDTLoss, the subset of the issues' anchors), "stages": {name: median ms}}.
"""
import argparse
import json
import os
import time

os.environ.setdefault('OMP_NUM_THREADS', '1')

import numpy as np  # noqa: E402
from scipy import ndimage  # noqa: E402

EPS = 1e-7


# --- MONAI-style --------------------------------------------------------------------------------

def monai_losses(p, y):
    """p, y: [2, ...] probabilities and one-hot ground truth; sums over the spatial axes per channel."""
    axes = tuple(range(1, p.ndim))
    smooth = 1e-5
    inter = (p * y).sum(axes)
    ground, pred = y.sum(axes), p.sum(axes)
    dice = (1 - (2 * inter + smooth) / (ground + pred + smooth)).mean()
    w = 1 / np.maximum(ground, 1) ** 2
    gdice = 1 - (2 * (w * inter).sum() + smooth) / ((w * (ground + pred)).sum() + smooth)
    fp, fn = (p * (1 - y)).sum(axes), ((1 - p) * y).sum(axes)
    tversky = (1 - (inter + smooth) / (inter + 0.5 * fp + 0.5 * fn + smooth)).mean()
    logits = np.log(np.clip(p, EPS, 1 - EPS)) - np.log(np.clip(1 - p, EPS, 1 - EPS))

    def focal():
        bce = np.maximum(logits, 0) - logits * y + np.log1p(np.exp(-np.abs(logits)))
        pt = np.exp(-bce)
        return ((1 - pt) ** 2 * bce).mean()

    def ce():
        shifted = logits - logits.max(0, keepdims=True)
        log_softmax = shifted - np.log(np.exp(shifted).sum(0, keepdims=True))
        return -(log_softmax * y).sum(0).mean()

    return dice, gdice, tversky, focal(), dice + ce(), dice + focal()


def monai_edges(pred, gt):
    """Edges of both masks inside their common bounding box (MONAI crops before eroding)."""
    both = pred | gt
    if not both.any():
        return None
    box = tuple(slice(max(0, i.min() - 1), i.max() + 2) for i in np.nonzero(both))
    pred, gt = pred[box], gt[box]
    return pred ^ ndimage.binary_erosion(pred), gt ^ ndimage.binary_erosion(gt)


def monai_surface(from_edges, to_edges, spacing):
    if not to_edges.any():
        return np.full(int(from_edges.sum()), np.inf)
    return ndimage.distance_transform_edt(~to_edges, sampling=spacing)[from_edges]


def monai_metrics(pred, gt, spacing):
    tp = np.count_nonzero(pred & gt)
    dice = 2 * tp / max(1, np.count_nonzero(pred) + np.count_nonzero(gt))
    iou = tp / max(1, np.count_nonzero(pred | gt))
    out = [dice, iou]
    e = monai_edges(pred, gt)  # HausdorffDistanceMetric(percentile=95)
    out.append(max(np.percentile(monai_surface(e[0], e[1], spacing), 95), np.percentile(monai_surface(e[1], e[0], spacing), 95)))
    e = monai_edges(pred, gt)  # SurfaceDistanceMetric(symmetric=True)
    out.append(np.concatenate([monai_surface(e[0], e[1], spacing), monai_surface(e[1], e[0], spacing)]).mean())
    e = monai_edges(pred, gt)  # SurfaceDiceMetric(tolerance 1)
    a, b = monai_surface(e[0], e[1], spacing), monai_surface(e[1], e[0], spacing)
    out.append(((a <= 1).sum() + (b <= 1).sum()) / max(1, a.size + b.size))
    return out


def monai_hausdorff_dt(prob, y, alpha=2.0):
    """HausdorffDTLoss on one foreground channel: (p − y)² (d_p^α + d_y^α), fields recomputed per call."""

    def field(mask):
        if not mask.any():
            return np.zeros(mask.shape)
        return ndimage.distance_transform_edt(mask) + ndimage.distance_transform_edt(~mask)

    p_dt, y_dt = field(prob > 0.5), field(y > 0.5)
    return ((prob - y) ** 2 * (p_dt ** alpha + y_dt ** alpha)).mean()


# --- SMP-style (binary mode) --------------------------------------------------------------------

def smp_losses(p, y):
    p, y = p.ravel(), y.ravel()
    inter, card = (p * y).sum(), (p + y).sum()
    dice = 1 - 2 * inter / np.maximum(card, EPS)
    jaccard = 1 - inter / np.maximum(card - inter, EPS)
    tversky = 1 - inter / np.maximum(inter + 0.5 * (p * (1 - y)).sum() + 0.5 * ((1 - p) * y).sum(), EPS)
    logits = np.log(np.clip(p, EPS, 1 - EPS)) - np.log(np.clip(1 - p, EPS, 1 - EPS))
    bce = np.maximum(logits, 0) - logits * y + np.log1p(np.exp(-np.abs(logits)))
    focal = ((1 - np.exp(-bce)) ** 2 * bce).mean()
    signs = 2 * y - 1
    errors = 1 - logits * signs
    order = np.argsort(-errors, kind='stable')
    gt_sorted = y[order]
    gts = gt_sorted.sum()
    jac = 1 - (gts - np.cumsum(gt_sorted)) / (gts + np.cumsum(1 - gt_sorted))
    jac[1:] = jac[1:] - jac[:-1]
    lovasz = np.dot(np.maximum(errors[order], 0), jac)
    return dice, jaccard, tversky, focal, lovasz, bce.mean()


# --- MedPy-style --------------------------------------------------------------------------------

def medpy_surface(result, reference, spacing):
    footprint = ndimage.generate_binary_structure(result.ndim, 1)
    result_border = result ^ ndimage.binary_erosion(result, structure=footprint, iterations=1)
    reference_border = reference ^ ndimage.binary_erosion(reference, structure=footprint, iterations=1)
    return ndimage.distance_transform_edt(~reference_border, sampling=spacing)[result_border]


def medpy_metrics(pred, gt, spacing):
    tp = np.count_nonzero(pred & gt)
    fp, fn = np.count_nonzero(pred & ~gt), np.count_nonzero(~pred & gt)
    tn = np.count_nonzero(~pred & ~gt)
    dc = 2 * tp / (2 * tp + fp + fn)
    jc = tp / (tp + fp + fn)
    precision, recall, specificity = tp / (tp + fp), tp / (tp + fn), tn / (tn + fp)
    hd = max(medpy_surface(pred, gt, spacing).max(), medpy_surface(gt, pred, spacing).max())
    hd95 = np.percentile(np.hstack((medpy_surface(pred, gt, spacing), medpy_surface(gt, pred, spacing))), 95)
    assd = (medpy_surface(pred, gt, spacing).mean() + medpy_surface(gt, pred, spacing).mean()) / 2
    return dc, jc, precision, recall, specificity, hd, hd95, assd


# --- timing -------------------------------------------------------------------------------------

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('gt')
    ap.add_argument('prob')
    ap.add_argument('--spacing', default='')
    ap.add_argument('--runs', type=int, default=3)
    ap.add_argument('--smp', action='store_true')
    a = ap.parse_args()
    gt_labels, prob = np.load(a.gt), np.load(a.prob).astype(np.float32)
    spacing = tuple(float(s) for s in a.spacing.split(',')) if a.spacing else None
    stages = {'MONAI losses': [], 'MONAI HausdorffDTLoss': [], 'MONAI metrics': [], 'MedPy metrics': []}
    if a.smp:
        stages['SMP losses'] = []
    totals, totals_without_hd_dt = [], []
    for _ in range(a.runs):
        t0 = time.perf_counter()
        y1 = gt_labels > 0
        hard = prob > 0.5
        y = np.stack([~y1, y1]).astype(np.float32)
        p = np.stack([1 - prob, prob])
        t = time.perf_counter()
        monai_losses(p, y)
        stages['MONAI losses'].append(time.perf_counter() - t)
        t = time.perf_counter()
        monai_hausdorff_dt(prob, y1.astype(np.float32))
        stages['MONAI HausdorffDTLoss'].append(time.perf_counter() - t)
        t = time.perf_counter()
        monai_metrics(hard, y1, spacing)
        stages['MONAI metrics'].append(time.perf_counter() - t)
        if a.smp:
            t = time.perf_counter()
            smp_losses(prob, y1.astype(np.float32))
            stages['SMP losses'].append(time.perf_counter() - t)
        t = time.perf_counter()
        medpy_metrics(hard, y1, spacing)
        stages['MedPy metrics'].append(time.perf_counter() - t)
        totals.append(time.perf_counter() - t0)
        totals_without_hd_dt.append(totals[-1] - stages['MONAI HausdorffDTLoss'][-1])
    ms = lambda xs: float(np.median(xs) * 1000)  # noqa: E731
    print(json.dumps({'runs': a.runs, 'ms': ms(totals), 'msWithoutHdDt': ms(totals_without_hd_dt), 'stages': {k: ms(v) for k, v in stages.items()}}))


if __name__ == '__main__':
    main()
