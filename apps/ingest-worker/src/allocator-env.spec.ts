import { ALLOCATOR_ENV, allocatorDeviations } from './allocator-env';

describe('allocatorDeviations', () => {
  it('is empty when the environment carries every setting', () => {
    expect(allocatorDeviations({ ...ALLOCATOR_ENV, PATH: '/usr/bin' })).toEqual([]);
  });

  it('names each setting that is unset or set otherwise, with the recommended value', () => {
    expect(allocatorDeviations({ MALLOC_ARENA_MAX: '8' })).toEqual([
      'MALLOC_ARENA_MAX=8 (recommended 2)',
      'MALLOC_MMAP_THRESHOLD_=(unset) (recommended 131072)',
    ]);
  });
});
