import { describe, expect, it } from 'vitest';
import { canAccept, canDeletePost, canDeleteThread, canEdit, canReply, canVote, pageOfPost, paging, POSTS_PER_PAGE, toggleVote } from './forum-rules.js';

const student = { id: 1, role: 'student' as const };
const other = { id: 2, role: 'student' as const };
const officer = { id: 3, role: 'officer' as const };
const admin = { id: 4, role: 'admin' as const };
const open = { locked: false };
const locked = { locked: true };
const mine = { authorId: 1 };

describe('toggleVote', () => {
  it('casts a new vote', () => {
    expect(toggleVote(0, 1)).toEqual({ value: 1, delta: 1 });
    expect(toggleVote(0, -1)).toEqual({ value: -1, delta: -1 });
  });
  it('withdraws the same vote when it is sent again', () => {
    expect(toggleVote(1, 1)).toEqual({ value: 0, delta: -1 });
    expect(toggleVote(-1, -1)).toEqual({ value: 0, delta: 1 });
  });
  it('switches sides, moving the score by two', () => {
    expect(toggleVote(1, -1)).toEqual({ value: -1, delta: -2 });
    expect(toggleVote(-1, 1)).toEqual({ value: 1, delta: 2 });
  });
  it('always ends on the score its votes add up to', () => {
    let value: 0 | 1 | -1 = 0;
    let score = 0;
    for (const requested of [1, 1, -1, -1, 1, -1, 1] as const) {
      const next = toggleVote(value, requested);
      value = next.value;
      score += next.delta;
      expect(score).toBe(value);
    }
  });
});

describe('permissions', () => {
  it('lets authors edit their own words until the thread is locked, and staff always', () => {
    expect(canEdit(student, mine, open)).toBe(true);
    expect(canEdit(student, mine, locked)).toBe(false);
    expect(canEdit(other, mine, open)).toBe(false);
    expect(canEdit(null, mine, open)).toBe(false);
    expect(canEdit(officer, mine, locked)).toBe(true);
    expect(canEdit(admin, mine, open)).toBe(true);
  });

  it('lets authors and staff delete a reply', () => {
    expect(canDeletePost(student, mine)).toBe(true);
    expect(canDeletePost(other, mine)).toBe(false);
    expect(canDeletePost(null, mine)).toBe(false);
    expect(canDeletePost(officer, mine)).toBe(true);
  });

  it('lets a thread author delete it only while nobody else replied', () => {
    expect(canDeleteThread(student, mine, false)).toBe(true);
    expect(canDeleteThread(student, mine, true)).toBe(false);
    expect(canDeleteThread(other, mine, false)).toBe(false);
    expect(canDeleteThread(admin, mine, true)).toBe(true);
  });

  it('lets the asker and staff accept an answer', () => {
    expect(canAccept(student, mine)).toBe(true);
    expect(canAccept(other, mine)).toBe(false);
    expect(canAccept(officer, mine)).toBe(true);
    expect(canAccept(null, mine)).toBe(false);
  });

  it('never lets people vote on their own content, nor anonymous visitors vote', () => {
    expect(canVote(student, mine)).toBe(false);
    expect(canVote(other, mine)).toBe(true);
    expect(canVote(officer, mine)).toBe(true);
    expect(canVote(null, mine)).toBe(false);
  });

  it('takes no replies in a locked thread, from anyone', () => {
    expect(canReply(student, open)).toBe(true);
    expect(canReply(student, locked)).toBe(false);
    expect(canReply(admin, locked)).toBe(false);
    expect(canReply(null, open)).toBe(false);
  });
});

describe('paging', () => {
  it('clamps the requested page into range', () => {
    expect(paging('2', 45, 20)).toEqual({ page: 2, pages: 3, offset: 20 });
    expect(paging('99', 45, 20)).toEqual({ page: 3, pages: 3, offset: 40 });
    expect(paging('-4', 45, 20)).toEqual({ page: 1, pages: 3, offset: 0 });
    expect(paging('abc', 45, 20)).toEqual({ page: 1, pages: 3, offset: 0 });
    expect(paging(undefined, 0, 20)).toEqual({ page: 1, pages: 1, offset: 0 });
  });

  it('finds the page a reply is on', () => {
    const ids = Array.from({ length: POSTS_PER_PAGE * 2 + 1 }, (_, i) => i + 10);
    expect(pageOfPost(ids, 10)).toBe(1);
    expect(pageOfPost(ids, 10 + POSTS_PER_PAGE - 1)).toBe(1);
    expect(pageOfPost(ids, 10 + POSTS_PER_PAGE)).toBe(2);
    expect(pageOfPost(ids, 10 + POSTS_PER_PAGE * 2)).toBe(3);
    expect(pageOfPost(ids, 9999)).toBe(1);
  });
});
