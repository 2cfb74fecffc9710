// Local mode only (VITE_LOCAL_DEV_URL set by `pnpm start`): where a developer finds the
// confirmation codes the local user pool would e-mail, the customers' e-mails (the local mail
// inbox, VITE_LOCAL_MAIL_URL) and the shop's operations outbox.
import { Link } from "wouter";
import { useApiConfig } from "../app/ApiConfigContext";

export function DeveloperBanner() {
  const { localDevUrl, localMailUrl } = useApiConfig();
  if (!localDevUrl) return null;
  return (
    <aside className="developer-banner" aria-label="Local mode">
      Local mode: confirmation codes and the shop's e-mails are on the{" "}
      <a href={localDevUrl} target="_blank" rel="noreferrer">
        developer page
      </a>
      {localMailUrl ? (
        <>
          {" · "}
          <a href={localMailUrl} target="_blank" rel="noreferrer">
            Customer e-mails (mail inbox)
          </a>
        </>
      ) : null}
      {" · "}
      <Link href="/notifications">Notifications outbox</Link>
    </aside>
  );
}
