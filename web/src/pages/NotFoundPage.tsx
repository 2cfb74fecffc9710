import { Link } from "wouter";
import { PageHeading } from "../components/PageHeading";

export function NotFoundPage() {
  return (
    <>
      <PageHeading>Page not found</PageHeading>
      <p>
        There is nothing at this address. <Link href="/">Order a pizza</Link> or see <Link href="/orders">your orders</Link>.
      </p>
    </>
  );
}
