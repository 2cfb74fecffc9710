import { useEffect } from "react";

/**
 * The page's h1, which also names the browser tab. Focusable (tabIndex -1) so focus can move to it
 * after navigation.
 */
export function PageHeading({ children }: { children: string }) {
  useEffect(() => {
    document.title = `${children} · Pizza Orders`;
  }, [children]);
  return (
    <h1 tabIndex={-1} className="page-heading">
      {children}
    </h1>
  );
}
