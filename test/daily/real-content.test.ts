// The daily post over the real Library built from content/ (the shipped Dual power page).
import { describe, expect, it } from 'vitest';
import { dailyReply, eligibleArticles } from '../../src/daily/post.js';
import { createDailyService } from '../../src/daily/service.js';
import { testLibrary } from '../helpers/library.js';
import { createTestDatabase, silentLog } from '../store/factory.js';
import { CHAT_PLATFORMS } from '../../adapters/platforms.js';

describe('daily post over content/', () => {
  it('posts Dual power with its summary, a quotation with speaker and source, and related concepts', async () => {
    const library = await testLibrary();
    const article = library.article('Dual power')!;
    expect(article).toBeDefined();
    expect(eligibleArticles(library, [])).toContain(article);
    const reply = dailyReply(library, article);
    expect(reply.kind).toBe('daily');
    expect(reply.title).toBe('Dual power');
    expect(reply.url).toBe(article.url);
    expect(reply.text).toBe(article.summary);
    expect(reply.text).toMatch(/autonomous institutions/);
    expect(reply.quote?.text).toBeTruthy();
    expect(reply.quote?.speaker).toBeTruthy();
    expect(reply.quote?.source).toMatch(/^https?:\/\//);
    expect(reply.quote?.page).toBe('Dual power');
    expect(reply.items?.length).toBeGreaterThan(0);
    expect(reply.items!.length).toBeLessThanOrEqual(3);
    for (const item of reply.items!) expect(item.title).not.toBe('Dual power');
  });

  it('/daily preview in the terminal shows that post', async () => {
    const library = await testLibrary();
    const db = await createTestDatabase('sqlite');
    try {
      const store = await db.open();
      const service = createDailyService({
        store,
        library: () => library,
        platforms: [],
        profiles: CHAT_PLATFORMS,
        config: { DAILY_DEFAULT_TZ: 'UTC', DAILY_CATEGORIES: [], DAILY_CATCHUP_HOURS: 12 },
        log: silentLog,
      });
      const reply = await service.handle({ subcommand: 'preview' }, { platform: 'shell' });
      expect(reply).toMatchObject({ kind: 'daily', private: true, title: 'Dual power' });
    } finally {
      await db.drop();
    }
  });
});
