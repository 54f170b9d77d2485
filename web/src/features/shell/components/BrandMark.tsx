/** The Siyu mark (same drawing as the favicon). Decorative: the name is always written next to it. */
export function BrandMark({ size = 28 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="7" fill="#07c160" />
      <path
        d="M9 21c2.5 2 11.5 2 14 0M11 12h.01M21 12h.01"
        stroke="#fff"
        strokeWidth="3"
        strokeLinecap="round"
        fill="none"
      />
    </svg>
  );
}
