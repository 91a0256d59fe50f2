import { describe, expect, it } from 'vitest';
import { engagementFindings } from './engagement.ts';

describe('engagementFindings recognises engagement numbers', () => {
  it.each([
    ['<span>12 likes</span>'],
    ['<p>1.2k followers</p>'],
    ['<p>Vues : 340</p>'],
    ['<p>views: 40</p>'],
    ['<p>3 j’aime</p>'],
    ['<h2>Trending now</h2>'],
    ['<h3>Billets populaires</h3>'],
    ['<section class="popular-posts">'],
    ['<div id="leaderboard">'],
  ])('flags %s', (html) => {
    expect(engagementFindings(html)).not.toEqual([]);
  });
  it.each([
    ['<p>No list is ordered by likes, views or followers.</p>'],
    ['<p>Pas de « populaire », pas de « tendance ».</p>'],
    ['<p>26 novembre 2026 · #egalite</p>'],
    ['<td>5</td><td>3</td>'],
  ])('does not flag prose or dates: %s', (html) => {
    expect(engagementFindings(html)).toEqual([]);
  });
});
