# Copyright 2026 Sales Excellence Contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Sales roles and the core-talent pool."""

from datetime import date

from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, tagged, users
from odoo.tools import mute_logger

from odoo.addons.sales_team_performance.models.sales_talent import growth_level

from .common import Q_START, PerformanceCase


@tagged("post_install", "-at_install")
class TestSalesRoles(PerformanceCase):
    LOGIN = "roles"

    def test_default_roles_carry_duties_and_engine_kpis(self):
        manager = self.env.ref("sales_team_performance.sales_role_manager")
        rep = self.env.ref("sales_team_performance.sales_role_representative")
        self.assertIn("Set targets", manager.duties)
        codes = dict(self.env["sales.measure"].selection("target"))
        self.assertTrue(set(rep.kpi_ids.mapped("measure")) <= set(codes))
        self.assertIn("activity_visit", rep.kpi_ids.mapped("measure"))

    def test_role_is_given_per_team_member_on_the_team_form(self):
        role = self.env["sales.role"].create({"name": "Solution engineer"})
        with Form(self.team) as team:
            for index in range(len(team.crm_team_member_ids)):
                with team.crm_team_member_ids.edit(index) as member:
                    if member.user_id == self.rep2:
                        member.sales_role_id = role
        member = self.team.crm_team_member_ids.filtered(
            lambda m: m.user_id == self.rep2
        )
        self.assertEqual(member.sales_role_id, role)
        self.assertEqual(role.member_count, 1)

    def test_a_role_lists_a_kpi_once(self):
        role = self.env["sales.role"].create({"name": "Channel manager"})
        self.env["sales.role.kpi"].create({"role_id": role.id, "measure": "won_count"})
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            self.env["sales.role.kpi"].create(
                {"role_id": role.id, "measure": "won_count"}
            )

    @users("roles_rep")
    def test_salesperson_reads_roles_but_cannot_change_them(self):
        role = self.env.ref("sales_team_performance.sales_role_representative")
        self.assertTrue(role.with_user(self.env.user).duties)
        with self.assertRaises(AccessError):
            role.with_user(self.env.user).name = "Closer"


@tagged("post_install", "-at_install")
class TestTalentPool(PerformanceCase):
    LOGIN = "talent"
    WON_STAGE = "Talent won"

    def assess(self, user, ability, importance="3"):
        skill = self.env["sales.skill"].create({"name": f"Skill {ability}"})
        return self.env["sales.skill.assessment"].create(
            {
                "user_id": user.id,
                "company_id": self.company.id,
                "date": date(2024, 2, 1),
                "line_ids": [
                    (
                        0,
                        0,
                        {
                            "skill_id": skill.id,
                            "importance": importance,
                            "ability": ability,
                        },
                    )
                ],
            }
        )

    def review(self, user, **values):
        return self.env["sales.talent.review"].create(
            {
                "user_id": user.id,
                "company_id": self.company.id,
                "date_start": Q_START,
                **values,
            }
        )

    def test_growth_axis_adds_potential_and_ability(self):
        self.assertEqual(growth_level("3", "3"), "3")
        self.assertEqual(growth_level("3", "1"), "2")
        self.assertEqual(growth_level("2", "1"), "1")
        # no self-assessment: the potential counts twice
        self.assertEqual(growth_level("3", False), "3")
        self.assertEqual(growth_level("1", False), "1")

    def test_achievement_from_the_engine_places_on_the_nine_box(self):
        """Rep beat the quarter's target (high performance), rates himself
        competent and is rated high potential: a star and core talent. Rep2
        reached 50% of hers with a low potential: an underperformer."""
        self.target_plan(
            [
                {"user_id": self.rep.id, "target": 100_000},
                {"user_id": self.rep2.id, "target": 100_000},
            ]
        )
        self.won(self.rep, 120_000, date(2024, 2, 5))
        self.won(self.rep2, 50_000, date(2024, 2, 6))
        self.assess(self.rep, "3")
        star = self.review(self.rep, potential="3")
        weak = self.review(self.rep2, potential="1")
        self.assertAlmostEqual(star.achievement, 120.0)
        self.assertEqual(star.performance, "3")
        self.assertEqual(star.ability, "3")
        self.assertEqual(star.nine_box, "33")
        self.assertTrue(star.is_core_talent)
        self.assertAlmostEqual(weak.achievement, 50.0)
        self.assertEqual(weak.nine_box, "11")
        self.assertFalse(weak.is_core_talent)

    def test_low_ability_pulls_a_high_potential_down(self):
        self.target_plan([{"user_id": self.rep.id, "target": 100_000}])
        self.won(self.rep, 90_000, date(2024, 3, 1))
        self.assess(self.rep, "1")
        review = self.review(self.rep, potential="3")
        self.assertEqual(review.performance, "2")
        self.assertEqual(review.ability, "1")
        self.assertEqual(review.nine_box, "22")

    def test_without_a_target_the_manager_rates_performance(self):
        review = self.review(self.rep, potential="2")
        self.assertFalse(review.achievement_known)
        self.assertFalse(review.nine_box)
        review.performance = "3"
        self.assertEqual(review.nine_box, "23")
        review.action_refresh()
        self.assertEqual(review.performance, "3", "a refresh keeps the rating")

    def test_promotion_readiness_is_shown(self):
        self.env["sales.promotion.assessment"].create(
            {
                "user_id": self.rep.id,
                "company_id": self.company.id,
                "target_role": "Key-account manager",
                "readiness": "now",
            }
        )
        review = self.review(self.rep, potential="3")
        self.assertEqual(review.readiness, "now")
        self.assertEqual(review.target_role, "Key-account manager")

    def test_a_review_starts_on_a_quarter(self):
        with self.assertRaises(ValidationError) as error:
            self.review(self.rep, date_start=date(2024, 2, 1))
        self.assertIn("Quarter", str(error.exception))

    def test_salespeople_never_see_the_pool(self):
        self.review(self.rep, potential="3")
        for user in (self.rep, self.leader):
            Pool = self.env["sales.talent.review"].with_user(user)
            with self.assertRaises(AccessError):
                Pool.search([])
        self.assertTrue(
            self.env["sales.talent.review"].with_user(self.manager).search([])
        )

    def test_the_salesperson_is_not_told_of_his_review(self):
        review = self.review(self.rep, potential="3")
        review.message_post(
            body="Not ready to lead a team yet.",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        review.with_user(self.manager).potential = "1"
        self.env.flush_all()
        self.env.cr.precommit.run()
        self.assertNotIn(self.rep.partner_id, review.message_partner_ids)
        # neither in his inbox nor over RPC
        self.assertFalse(
            self.env["mail.message"]
            .with_user(self.rep)
            .search([("model", "=", "sales.talent.review")])
        )
        self.assertFalse(
            self.env["mail.notification"]
            .sudo()
            .search([("res_partner_id", "=", self.rep.partner_id.id)])
            .filtered(lambda n: n.mail_message_id.model == "sales.talent.review")
        )

    def test_a_self_assessment_stays_its_salespersons(self):
        mine = self.assess(self.rep, "3")
        theirs = self.assess(self.rep2, "1")
        review = self.review(self.rep2, potential="3")
        self.assertEqual(review.ability, "1")
        with self.assertRaises(AccessError):
            mine.with_user(self.rep).write({"user_id": self.rep2.id})
        with self.assertRaises(AccessError):
            mine.line_ids.with_user(self.rep).write({"assessment_id": theirs.id})
        self.assertEqual(mine.user_id, self.rep)
        review.invalidate_recordset()
        self.assertEqual(review.ability, "1", "the colleague's own assessment")
        # his own assessment stays his to change
        mine.with_user(self.rep).line_ids.write({"ability": "2"})

    def test_kanban_shows_every_nine_box_cell(self):
        self.review(self.rep, potential="3", performance="3")
        groups = self.env["sales.talent.review"].web_read_group(
            [("company_id", "=", self.company.id)], ["user_id"], ["nine_box"]
        )["groups"]
        self.assertGreaterEqual(len(groups), 9)
