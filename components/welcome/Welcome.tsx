/** The first-run page: what the badge says, what its buttons do, and how to join a team. */
export function Welcome() {
  return (
    <main className="welcome">
      <h1>Welcome to Switchboard</h1>
      <p className="lead">
        On X, Facebook and Instagram, every post now carries a small badge: who this customer is in the buying
        cycle, which team should answer, and how.
      </p>

      <section aria-labelledby="badge">
        <h2 id="badge">Reading the badge</h2>
        <dl>
          <dt><span className="chip pre">Pre-purchase · Marketing</span></dt>
          <dd>Exploring, not yet choosing: helpful content, no pitch.</dd>
          <dt><span className="chip purchase">Purchase · Sales</span></dt>
          <dd>Choosing now (prices, stock, shipping, where to buy): answer fast, with the offer.</dd>
          <dt><span className="chip post">Post-purchase · Service</span></dt>
          <dd>Already a customer (orders, problems, refunds, praise): resolve and retain.</dd>
          <dt><span className="chip none">No stage</span></dt>
          <dd>Nothing to do for the team.</dd>
        </dl>
        <p>Hover the badge, or focus it with the keyboard, to see the persona hint and the signals behind it.</p>
      </section>

      <section aria-labelledby="buttons">
        <h2 id="buttons">One click</h2>
        <ul>
          <li><strong>Log interaction</strong> (✓): you answered this customer. A second click within a minute is ignored, and you can undo for a few seconds.</li>
          <li><strong>Flag lead</strong> (⚑): a purchase-stage post becomes a sales lead, or opens the lead the customer already has.</li>
          <li><strong>Customer history</strong> (🕘): the side panel opens on everything the team knows about this customer.</li>
        </ul>
        <p>
          Shortcuts: <kbd>Alt</kbd>+<kbd>Shift</kbd>+<kbd>S</kbd> opens the side panel, <kbd>Alt</kbd>+<kbd>Shift</kbd>+<kbd>B</kbd>{' '}
          hides or shows the badges on the page.
        </p>
      </section>

      <section aria-labelledby="team">
        <h2 id="team">Working as a team</h2>
        <p>
          Everything works on this computer alone. To share assignments, interactions and leads with your team, open the{' '}
          <a href="/options.html">options</a>, enter your team server&apos;s address and your access token (your admin creates
          it with <code>npm run --silent server -- token create</code>), and press <strong>Connect</strong>.
        </p>
      </section>
    </main>
  );
}
