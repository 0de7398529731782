#!/usr/bin/env node
// Writes catalogue.json (the sample catalogue `hashi manga seed` loads) from
// series.mjs. Deterministic: the same input always gives the same file, so the
// committed catalogue.json can be regenerated and diffed.
//
//   node examples/manga/generate-catalogue.mjs
import { writeFileSync } from 'node:fs';
import { ARCS, SERIES } from './series.mjs';

// mulberry32: a tiny seeded PRNG, enough for plausible prices and stock.
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const JA_PRICES = [528, 594, 638, 693, 715, 748, 792];
const EN_PRICES = [1650, 1760, 1870, 1980, 2200];
const pad = (n) => String(n).padStart(2, '0');

function releaseDate(startYear, volume) {
  const months = (volume - 1) * 4;
  const year = startYear + Math.floor(months / 12);
  return `${year}-${pad((months % 12) + 1)}-${pad(((volume * 7) % 27) + 1)}`;
}

function product(series, index, volume, language, random) {
  const [arcEn, arcJa] = ARCS[(index * 5 + volume * 3) % ARCS.length];
  const en = language === 'en';
  const hero = en ? series.hero[0] : series.hero[1];
  const synopsis = en
    ? `${series.premise[0]} In volume ${volume}, ${hero} ${arcEn}.`
    : `${series.premise[1]}第${volume}巻では、${hero}が${arcJa}。`;
  const prices = en ? EN_PRICES : JA_PRICES;
  const threshold = random() < 0.5 ? 3 : 5;
  // A few titles start at or below their threshold, so the demo can show InventoryLow.
  const stock = random() < 0.08 ? Math.floor(random() * (threshold + 1)) : threshold + 1 + Math.floor(random() * 40);
  return {
    id: `${series.slug}-v${pad(volume)}-${language}`,
    series: series.slug,
    title: en ? series.en : series.ja,
    title_alt: en ? series.ja : series.en,
    author: en ? series.author[0] : series.author[1],
    genre: series.genre,
    volume,
    synopsis,
    price: prices[Math.floor(random() * prices.length)],
    currency: 'JPY',
    language,
    stock,
    stock_threshold: threshold,
    release_date: releaseDate(2015 + (index % 10), volume),
    tags: series.tags,
  };
}

const random = rng(20261122);
const products = [];
SERIES.forEach((series, index) => {
  for (let v = 1; v <= series.volumes; v++) products.push(product(series, index, v, 'ja', random));
  for (let v = 1; v <= series.enVolumes; v++) products.push(product(series, index, v, 'en', random));
});

const file = new URL('./catalogue.json', import.meta.url);
// One product per line: small, and a regenerated file diffs line by line.
const lines = products.map((p) => `  ${JSON.stringify(p)}`).join(',\n');
writeFileSync(file, `{\n "version": 1,\n "currency": "JPY",\n "products": [\n${lines}\n ]\n}\n`);
process.stdout.write(`wrote ${products.length} products from ${SERIES.length} series to ${file.pathname}\n`);
