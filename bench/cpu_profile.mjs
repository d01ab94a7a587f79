// Sums a Chromium sampling profile (the DevTools protocol's Profiler.stop) by function name:
// self samples per name, and inclusive ones by walking each sample's ancestors once per name.
// Names in `skip` (e.g. '(idle)') are left out of both and of `busy`. `all` counts every sample.
export function sumProfile(profile, skip = ['(idle)']) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children || []) parent.set(c, n.id);
  const counts = new Map();
  for (const id of profile.samples) counts.set(id, (counts.get(id) || 0) + 1);
  const name = (n) => n.callFrame.functionName || `(${n.callFrame.url.split('/').pop() || 'anonymous'})`;
  const self = new Map(), incl = new Map();
  let busy = 0, all = 0;
  for (const [id, k] of counts) {
    all += k;
    const node = byId.get(id);
    if (skip.includes(name(node))) continue;
    busy += k;
    self.set(name(node), (self.get(name(node)) || 0) + k);
    const seen = new Set();
    for (let p = id; p !== undefined; p = parent.get(p)) {
      const nm = name(byId.get(p));
      if (!seen.has(nm)) { seen.add(nm); incl.set(nm, (incl.get(nm) || 0) + k); }
    }
  }
  return { self, incl, busy, all };
}

// The `n` largest entries of a name -> samples map, each turned into [name, f(samples)].
export function topOf(map, n, f) {
  return [...map].sort((a, b) => b[1] - a[1]).slice(0, n).map(([name, k]) => [name, f(k)]);
}
